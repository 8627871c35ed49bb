/// How a BTYD model is fitted: the settings BG/NBD, MBG/NBD, Pareto/NBD and Gamma-Gamma
/// share (maximum likelihood by BFGS, ``BFGSMinimizer``).
package struct BTYDFitSettings: Sendable, Equatable {
  /// L2 penalty weight on the parameters (`lifetimes`' `penalizer_coef`; 0 = plain MLE).
  package var penalizer: Double
  /// Maximum BFGS iterations; hitting it gives `converged == false`, not an error.
  package var maxIterations: Int
  /// Convergence threshold on the gradient of the mean negative log-likelihood.
  package var gradientTolerance: Double
  /// Whether large data sets may be summed on all cores (results are identical either way).
  package var parallel: Bool

  /// Creates settings; the defaults are plain MLE, 500 iterations, gradient 1e-8, all cores.
  package init(penalizer: Double = 0, maxIterations: Int = 500, gradientTolerance: Double = 1e-8, parallel: Bool = true)
  {
    self.penalizer = penalizer
    self.maxIterations = maxIterations
    self.gradientTolerance = gradientTolerance
    self.parallel = parallel
  }
}

/// A BTYD model's configuration, made of its ``BTYDFitSettings``.
package protocol BTYDFitting: Sendable {
  /// How the model is fitted.
  var settings: BTYDFitSettings { get }
  /// A configuration with `settings`.
  init(settings: BTYDFitSettings)
}

extension BTYDFitting {
  /// A configuration with the settings of ``BTYDFitSettings/init(penalizer:maxIterations:gradientTolerance:parallel:)``.
  package init(
    penalizer: Double = BTYDFitSettings().penalizer, maxIterations: Int = BTYDFitSettings().maxIterations,
    gradientTolerance: Double = BTYDFitSettings().gradientTolerance, parallel: Bool = BTYDFitSettings().parallel
  ) {
    self.init(
      settings: BTYDFitSettings(
        penalizer: penalizer, maxIterations: maxIterations, gradientTolerance: gradientTolerance, parallel: parallel))
  }

  /// ``BTYDFitSettings/penalizer``.
  package var penalizer: Double { settings.penalizer }
  /// ``BTYDFitSettings/maxIterations``.
  package var maxIterations: Int { settings.maxIterations }
  /// ``BTYDFitSettings/gradientTolerance``.
  package var gradientTolerance: Double { settings.gradientTolerance }
  /// ``BTYDFitSettings/parallel``.
  package var parallel: Bool { settings.parallel }
}

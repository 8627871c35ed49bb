/// Losses after one training epoch.
///
/// Units: the ZILN loss per customer for ``MLPLoss/ziln``; the mean squared error in
/// squared label units for ``MLPLoss/mse``.
package struct EpochLoss: Sendable, Codable, Equatable {
  /// 1-based epoch number.
  package var epoch: Int
  /// Mean loss over the epoch's mini-batches (with dropout, weights changing).
  package var training: Double
  /// Mean loss on the validation rows at the end of the epoch, if there are any.
  package var validation: Double?

  /// Creates a record.
  package init(epoch: Int, training: Double, validation: Double?) {
    self.epoch = epoch
    self.training = training
    self.validation = validation
  }
}

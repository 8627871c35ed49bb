import CLVEvaluation
import CLVReport
import Foundation
import TOMLKit

/// Loads the editable action playbook `actions.toml` from the templates folder.
enum ActionPlaybook {
  /// The file name inside the templates folder.
  static let fileName = "actions.toml"

  /// Finds the templates folder (as the renderer does) and decodes its playbook.
  /// - Throws: ``PipelineError/configUnreadable(path:reason:)`` naming the file and the bad entry.
  static func load(templates explicit: String?) throws -> ActionCatalogue {
    let directory = try TemplateLocator.locate(explicit: explicit)
    let path = (directory as NSString).appendingPathComponent(fileName)
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw PipelineError.configUnreadable(
        path: path, reason: "cannot read the action playbook (\(error.localizedDescription))")
    }
    let catalogue: ActionCatalogue
    do {
      catalogue = try TOMLDecoder().decode(ActionCatalogue.self, from: text)
      try catalogue.validate(featureNames: SegmentationModel.featureNames)
    } catch {
      throw PipelineError.configUnreadable(path: path, reason: "\(error)")
    }
    return catalogue
  }
}

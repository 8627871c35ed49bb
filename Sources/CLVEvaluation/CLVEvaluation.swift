/// Namespace of the `CLVEvaluation` module. See the module's README.md for its purpose.
public enum CLVEvaluation {}

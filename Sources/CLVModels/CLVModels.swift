/// Namespace of the `CLVModels` module. See the module's README.md for its purpose.
public enum CLVModels {}

/// Namespace of the `CLVReport` module. See the module's README.md for its purpose.
public enum CLVReport {}

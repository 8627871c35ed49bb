/// Namespace of the `CLVFeatures` module. See the module's README.md for its purpose.
public enum CLVFeatures {}

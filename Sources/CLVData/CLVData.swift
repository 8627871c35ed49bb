/// Namespace of the `CLVData` module. See the module's README.md for its purpose.
public enum CLVData {}

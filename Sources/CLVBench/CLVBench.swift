/// Namespace of the `CLVBench` module. See the module's README.md for its purpose.
public enum CLVBench {}

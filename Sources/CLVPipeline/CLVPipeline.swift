/// Namespace of the `CLVPipeline` module. See the module's README.md for its purpose.
public enum CLVPipeline {}

import Testing
@testable import CLVPipeline

@Suite struct CLVPipelineSmokeTests {
  @Test func moduleLinks() { #expect("\(CLVPipeline.self)" == "CLVPipeline") }
}

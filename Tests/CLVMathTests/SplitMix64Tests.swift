import Testing

@testable import CLVMath

@Suite struct SplitMix64Tests {
  @Test func matchesReferenceSequence() {
    // Reference values for seed 1234567 from the public-domain C implementation
    // (Vigna, splitmix64.c).
    var rng = SplitMix64(seed: 1_234_567)
    #expect(rng.next() == 6_457_827_717_110_365_317)
    #expect(rng.next() == 3_203_168_211_198_807_973)
    #expect(rng.next() == 9_817_491_932_198_370_423)
  }

  @Test func sameSeedSameDraws() {
    var a = SplitMix64(seed: 42)
    var b = SplitMix64(seed: 42)
    for _ in 0..<100 { #expect(a.next() == b.next()) }
  }

  @Test func gammaDrawHasTheRightMean() {
    var rng = SplitMix64(seed: 7)
    let n = 200_000
    var sum = 0.0
    for _ in 0..<n { sum += rng.nextGamma(shape: 0.5, scale: 3) }
    #expect(abs(sum / Double(n) - 1.5) < 0.03)
  }

  @Test func shuffleIsAPermutationAndSeeded() {
    var a = Array(0..<50)
    var b = a
    var r1 = SplitMix64(seed: 3)
    var r2 = SplitMix64(seed: 3)
    a.seededShuffle(using: &r1)
    b.seededShuffle(using: &r2)
    #expect(a == b)
    #expect(a.sorted() == Array(0..<50))
    #expect(a != Array(0..<50))
  }
}

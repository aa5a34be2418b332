import Testing

@testable import PeriksaWeb

/// The rendered documents the web app keeps: the same page, scope and data version is served
/// from the cache; the least recently used go first, by count and by bytes.
@Suite("The web app's document cache")
struct DocumentCacheTests {
    static func key(_ page: String, version: String = "1") -> DocumentCache.Key {
        DocumentCache.Key(version: version, scope: "JKT-A", page: page)
    }

    @Test("served again while the data is the same; rendered again for a new version; bounded by bytes")
    func bounded() {
        let cache = DocumentCache(limit: 64, byteLimit: 1_000)
        var renders = 0
        func get(_ page: String, version: String = "1", size: Int = 300) -> String {
            cache.document(Self.key(page, version: version)) {
                renders += 1
                return String(repeating: "x", count: size)
            }
        }
        _ = get("/audit-list")
        _ = get("/audit-list")
        #expect(renders == 1, "the same page, scope and version is served from the cache")
        _ = get("/audit-list", version: "2")
        #expect(renders == 2, "a new data version renders again")
        // 300 bytes each in a budget of 1,000: a fourth pushes out the least recently used.
        _ = get("/employers/A")
        _ = get("/audit-list", version: "2")  // used again: kept
        _ = get("/employers/B")
        let before = renders
        _ = get("/audit-list", version: "2")
        #expect(renders == before, "the most recently used list was kept")
        _ = get("/audit-list")
        #expect(renders == before + 1, "the oldest (version 1) went first")
        // A document larger than the whole budget is served, not kept.
        _ = get("/reports/compliance", size: 5_000)
        _ = get("/reports/compliance", size: 5_000)
        #expect(renders == before + 3)
    }
}

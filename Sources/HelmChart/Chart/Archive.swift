/// A packaged chart (.tgz): gzip, then tar, with one top folder named after the chart.
enum ChartArchive {
    static func files(_ data: [UInt8]) throws -> [(path: String, data: [UInt8])] {
        throw ChartError("chart archives (.tgz) are not supported yet")
    }
}

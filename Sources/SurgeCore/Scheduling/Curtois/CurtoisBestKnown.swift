/// Best known upper bounds of instances 1-24 (BEST_KNOWN.md, schedulingbenchmarks.org, Smet,
/// Strandmark). For 15 and 19-24 they are not proven optimal.
public enum CurtoisBestKnown {
    public static let upperBound: [Int: Int] = [
        1: 607, 2: 828, 3: 1001, 4: 1716, 5: 1143, 6: 1950, 7: 1056, 8: 1300, 9: 439, 10: 4631, 11: 3443, 12: 4040,
        13: 1348, 14: 1278, 15: 3834, 16: 3225, 17: 5746, 18: 4459, 19: 3149, 20: 4943, 21: 21159, 22: 33155,
        23: 17428, 24: 48777,
    ]

    /// Instance number from a file name like "Instance13.txt".
    public static func instanceNumber(fileName: String) -> Int? {
        let digits = fileName.split(separator: "/").last.map { $0.filter(\.isNumber) } ?? ""
        return Int(digits)
    }
}

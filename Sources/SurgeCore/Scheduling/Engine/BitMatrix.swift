/// Row-major bit matrix (rows × columns) over a flat word array: eligibility of every person for
/// every demand in a few MB, with an O(1) test in the hot path.
struct BitMatrix: Sendable {
    let columns: Int
    let wordsPerRow: Int
    private(set) var words: [UInt64]

    init(rows: Int, columns: Int) {
        self.columns = columns
        wordsPerRow = (columns + 63) >> 6
        words = [UInt64](repeating: 0, count: max(1, rows * wordsPerRow))
    }

    @inline(__always) func get(_ row: Int, _ col: Int) -> Bool {
        words[row * wordsPerRow + (col >> 6)] & (1 << UInt64(col & 63)) != 0
    }

    @inline(__always) mutating func set(_ row: Int, _ col: Int) {
        words[row * wordsPerRow + (col >> 6)] |= (1 << UInt64(col & 63))
    }

    /// The matrix with rows and columns exchanged (this one has `rows` rows); visits set bits only.
    func transposed(rows: Int) -> BitMatrix {
        var t = BitMatrix(rows: columns, columns: rows)
        for r in 0..<rows {
            for w in 0..<wordsPerRow {
                var bits = words[r * wordsPerRow + w]
                while bits != 0 {
                    t.set(w << 6 + bits.trailingZeroBitCount, r)
                    bits &= bits - 1
                }
            }
        }
        return t
    }
}

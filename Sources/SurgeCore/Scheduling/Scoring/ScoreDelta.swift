/// Change of the three score levels caused by a move.
struct ScoreDelta {
    var hard = 0
    var coverage = 0
    var soft = 0
    /// Hard units weighted for the search (see PersonEvaluator); not part of the reported score.
    var weighted = 0

    @inline(__always) var isZero: Bool { hard == 0 && coverage == 0 && soft == 0 }
}

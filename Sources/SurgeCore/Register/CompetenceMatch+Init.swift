extension CompetenceMatch {
    /// Public construction for the store (the synthesised memberwise init is internal).
    public static func make(personnelNo: String, firstName: String, lastName: String, departmentCode: String,
                            level: Int, viaCompetence: String, inPool: Bool) -> CompetenceMatch {
        CompetenceMatch(personnelNo: personnelNo, firstName: firstName, lastName: lastName, departmentCode: departmentCode,
                        level: level, viaCompetence: viaCompetence, inPool: inPool)
    }
}

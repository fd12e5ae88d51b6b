import Testing
@testable import SurgeCore
@Test func version() { #expect(!SurgeCoreVersion.value.isEmpty) }

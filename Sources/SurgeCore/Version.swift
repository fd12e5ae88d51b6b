public enum SurgeCoreVersion { public static let value = "0.1.0" }

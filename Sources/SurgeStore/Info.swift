import SurgeCore
public enum SurgeStoreInfo { public static let core = SurgeCoreVersion.value }

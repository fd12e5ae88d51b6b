import SurgeStore
public enum SurgeHTTPInfo { public static let store = SurgeStoreInfo.core }

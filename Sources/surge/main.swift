import SurgeHTTP
print(SurgeHTTPInfo.store)

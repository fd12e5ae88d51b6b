import ArgumentParser
struct BenchCityCommand: AsyncParsableCommand {}
struct BenchRepairCommand: AsyncParsableCommand {}

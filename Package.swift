// swift-tools-version: 6.2
import PackageDescription

/// Settings every target shares: Swift 6 mode plus the upcoming features the house style asks
/// for, and the explicit-`Sendable` diagnostic raised to an error.
let strictSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("InternalImportsByDefault"),
  .treatWarning("ExplicitSendable", as: .error),
]

let package = Package(
  name: "ClientBase",
  products: [
    .library(name: "ClientBase", targets: ["ClientBase"]),
    .library(name: "ClientBaseCore", targets: ["ClientBaseCore"]),
    .library(name: "Segmentation", targets: ["Segmentation"]),
    .library(name: "Retention", targets: ["Retention"]),
    .library(name: "Loyalty", targets: ["Loyalty"]),
    .library(name: "BaseGrowth", targets: ["BaseGrowth"]),
    .library(name: "ClientBaseTesting", targets: ["ClientBaseTesting"]),
    .executable(name: "clientbase", targets: ["clientbase"]),
    .executable(name: "bank-vip", targets: ["bank-vip"]),
    .executable(name: "sales-desk", targets: ["sales-desk"]),
    .executable(name: "clientbase-benchmarks", targets: ["clientbase-benchmarks"]),
  ],
  dependencies: [],
  targets: [
    .target(name: "ClientBaseCore", swiftSettings: strictSettings),
    .target(name: "Segmentation", dependencies: ["ClientBaseCore"], swiftSettings: strictSettings),
    .target(name: "Retention", dependencies: ["ClientBaseCore"], swiftSettings: strictSettings),
    .target(
      name: "Loyalty", dependencies: ["ClientBaseCore", "Segmentation", "Retention"],
      swiftSettings: strictSettings),
    .target(
      name: "BaseGrowth", dependencies: ["ClientBaseCore", "Segmentation", "Retention"],
      swiftSettings: strictSettings),
    .target(
      name: "ClientBase",
      dependencies: ["ClientBaseCore", "Segmentation", "Retention", "Loyalty", "BaseGrowth"],
      swiftSettings: strictSettings),
    .target(
      name: "ClientBaseTesting", dependencies: ["ClientBase"], swiftSettings: strictSettings),
    .executableTarget(
      name: "clientbase", dependencies: ["ClientBase", "ClientBaseTesting"],
      path: "Examples/clientbase", swiftSettings: strictSettings),
    .executableTarget(
      name: "bank-vip", dependencies: ["ClientBase", "ClientBaseTesting"],
      path: "Examples/bank-vip", swiftSettings: strictSettings),
    .executableTarget(
      name: "sales-desk", dependencies: ["ClientBase", "ClientBaseTesting"],
      path: "Examples/sales-desk", swiftSettings: strictSettings),
    .executableTarget(
      name: "clientbase-benchmarks", dependencies: ["ClientBase", "ClientBaseTesting"],
      path: "Benchmarks", swiftSettings: strictSettings),
    .testTarget(
      name: "ClientBaseCoreTests", dependencies: ["ClientBaseCore", "ClientBaseTesting"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "SegmentationTests", dependencies: ["Segmentation", "ClientBaseTesting"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "RetentionTests", dependencies: ["Retention", "ClientBaseTesting"],
      swiftSettings: strictSettings),
    .testTarget(name: "LoyaltyTests", dependencies: ["Loyalty"], swiftSettings: strictSettings),
    .testTarget(
      name: "BaseGrowthTests", dependencies: ["BaseGrowth", "ClientBaseTesting"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "ClientBaseTestingTests", dependencies: ["ClientBaseTesting"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "ExamplesTests",
      dependencies: ["clientbase", "bank-vip", "sales-desk", "ClientBaseTesting"],
      exclude: ["Fixtures"], swiftSettings: strictSettings),
  ]
)

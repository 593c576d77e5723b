// swift-tools-version: 6.2
// A host's own package that depends on ClientBase, writes its own policies and tests them with
// ClientBaseTesting's law checks. It lives inside the ClientBase repository as an example; a
// real host keeps it in its own repository.
import PackageDescription

// ClientBase is two folders up. SwiftPM names a package added by path after the last component
// of that path (the folder ClientBase was cloned into), and by URL after the URL's last
// component, so `package:` below must be that name. A host that clones into a folder called
// `ClientBase`, or depends on `https://…/ClientBase.git`, simply writes "ClientBase"; this
// example reads the name of the folder it finds, so it builds wherever the repository is.
let clientBasePath = "../.."
let clientBaseIdentity =
  Context.packageDirectory.split(separator: "/").dropLast(2).last.map(String.init)
  ?? "ClientBase"

let package = Package(
  name: "PolicyHost",
  products: [.library(name: "ShopPolicies", targets: ["ShopPolicies"])],
  dependencies: [.package(path: clientBasePath)],
  targets: [
    .target(
      name: "ShopPolicies",
      dependencies: [.product(name: "ClientBase", package: clientBaseIdentity)]),
    .testTarget(
      name: "ShopPoliciesTests",
      dependencies: [
        "ShopPolicies",
        .product(name: "ClientBaseTesting", package: clientBaseIdentity),
      ]),
  ]
)

// The Loyalty module is planned (see the issues and ../shared/DESIGN.md) and not built yet. It
// declares nothing public, so nothing here pretends to work; it only compiles against the core.
import ClientBaseCore

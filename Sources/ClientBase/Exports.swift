// The umbrella module: `import ClientBase` brings in every capability.
@_exported public import BaseGrowth
@_exported public import ClientBaseCore
@_exported public import Loyalty
@_exported public import Retention
@_exported public import Segmentation

// BaseGrowth's public API mentions the core's types (Day, ClientTable, Contact, TimeUnit), so
// hosts importing BaseGrowth see them too.
@_exported public import ClientBaseCore

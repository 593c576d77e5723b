// Retention's public API mentions the core's types (Day, TimeUnit, RepeatPurchaseSummary),
// so hosts importing Retention see them too.
@_exported public import ClientBaseCore

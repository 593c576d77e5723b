import ClientBase

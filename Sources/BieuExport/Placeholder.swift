// BieuExport

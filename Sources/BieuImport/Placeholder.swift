// BieuImport

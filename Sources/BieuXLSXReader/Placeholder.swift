// BieuXLSXReader

// BieuXLSXWriter

// BieuCSV

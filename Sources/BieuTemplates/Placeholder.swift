// BieuTemplates

// Integration specs start Nest apps, workers and SMTP servers against real services.
jest.setTimeout(120_000);

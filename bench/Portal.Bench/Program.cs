// Benchmarks: `ingest` and `serve` scenarios are added by the ingestion and charges issues.
Console.WriteLine("usage: Portal.Bench ingest|serve [options]");
return args.Length == 0 ? 0 : 2;

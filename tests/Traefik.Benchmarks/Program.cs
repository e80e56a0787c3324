using Traefik.Benchmarks;

return await BenchmarkProgram.RunAsync(args).ConfigureAwait(false);

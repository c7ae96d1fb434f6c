using Aftercare.Bench;

// The benchmark's two halves, started by bench/run.sh:
//   load  --scale N --connection "..."           fills an empty database with synthetic data by COPY
//   top-up --connection "..."                     adds to a loaded database what an older load lacks
//   drive --url http://127.0.0.1:5090 ...         drives the running application and prints the table
var command = args.FirstOrDefault();
var options = Options.Parse(args.Skip(1));
try
{
    switch (command)
    {
        case "load":
            await Loader.RunAsync(LoadOptions.From(options));
            return 0;
        case "top-up":
            await Loader.TopUpAsync(LoadOptions.From(options));
            return 0;
        case "drive":
            return await Driver.RunAsync(DriveOptions.From(options));
        default:
            Console.Error.WriteLine("Usage: Aftercare.Bench load --scale N --connection CS [--seed N] [--audit-per-presentation N] [--summary FILE]");
            Console.Error.WriteLine("       Aftercare.Bench top-up --connection CS [--seed N] [--summary FILE]");
            Console.Error.WriteLine("       Aftercare.Bench drive --url URL --connection CS [--clients N] [--seconds N] [--warmup N] [--app-pid PID]");
            Console.Error.WriteLine("                             [--pgbench PATH [--pgbench-database pgbench_bench] | --pgbench-tps TPS] [--load-summary FILE]");
            Console.Error.WriteLine("                             [--out FILE] [--note TEXT] [--scenarios baseline,...,directory,referral,everything,messaging,crisis]");
            Console.Error.WriteLine("                             [--pages 500] [--messages-per-second 100] [--crisis-share 0.1]");
            return 2;
    }
}
catch (BenchException e)
{
    Console.Error.WriteLine("Benchmark failed: " + e.Message);
    return 1;
}

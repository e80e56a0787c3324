System.Console.WriteLine("building");

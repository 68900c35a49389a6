using Tertulia.Cli;

return await TertuliaCli.Create().RunAsync(args);

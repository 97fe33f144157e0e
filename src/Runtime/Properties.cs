using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("BatchGen.Runtime.Tests")]

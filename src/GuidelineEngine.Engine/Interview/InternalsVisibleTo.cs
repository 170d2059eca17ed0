// The interview's probe (ItemProbe) must give what ItemScreening gives; the engine's tests hold the two together.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("GuidelineEngine.Engine.Tests")]

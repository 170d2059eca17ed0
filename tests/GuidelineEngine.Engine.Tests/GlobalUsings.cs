global using FluentAssertions;
global using Xunit;
global using GuidelineEngine.Tests.Shared;
global using GuidelineEngine.Domain.Decisions;
global using GuidelineEngine.Domain.Intake;
global using static GuidelineEngine.Engine.Tests.Intakes;
global using static GuidelineEngine.Engine.Tests.TestScreener;

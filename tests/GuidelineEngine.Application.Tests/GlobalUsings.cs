global using FluentAssertions;
global using GuidelineEngine.Tests.Shared;
global using Xunit;

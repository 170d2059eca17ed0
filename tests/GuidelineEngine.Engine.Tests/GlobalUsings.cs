global using FluentAssertions;
global using Xunit;
global using GuidelineEngine.Tests.Shared;

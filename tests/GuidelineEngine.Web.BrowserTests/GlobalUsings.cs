global using FluentAssertions;
global using GuidelineEngine.Tests.Shared;
global using GuidelineEngine.Web.BrowserTests.Support;
global using Xunit;

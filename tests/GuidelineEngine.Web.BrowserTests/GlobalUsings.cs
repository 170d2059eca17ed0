global using FluentAssertions;
global using GuidelineEngine.Web.BrowserTests.Support;
global using Xunit;

global using System.Net;
global using FluentAssertions;
global using GuidelineEngine.Tests.Shared;
global using GuidelineEngine.Web.Tests.Support;
global using Xunit;

using System.Text;
using Traefik.GitOps.Delivery;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.Tests.Support;

namespace Traefik.GitOps.Tests.Delivery;

/// <summary>The working-tree writer on its own: every target checked before anything is written.</summary>
public sealed class WorktreeWriterTests
{
    [Fact]
    public void Write_NameLongerThanTheFileSystemAllows_WritesNothing()
    {
        using var repo = Repositories.WithRoute();
        var writer = Writer(repo);

        var error = Assert.Throws<GitOpsException>(() => writer.Write([Add("traefik/prod/a.yaml"), Add("traefik/prod/" + new string('n', 251) + ".yaml")]));

        Assert.Equal($"Refusing to write traefik/prod/{new string('n', 251)}.yaml to the working tree: the name {new string('n', 40)}… is 256 bytes, and file systems allow 255. Nothing was written.", error.Message);
        Assert.False(File.Exists(Path.Combine(repo.Work, "traefik/prod/a.yaml")));
    }

    [Fact]
    public void Write_PathLongerThanTheFileSystemAllows_WritesNothing()
    {
        using var repo = Repositories.WithRoute();
        var deep = "traefik/" + string.Join('/', Enumerable.Repeat(new string('d', 200), 21)) + "/x.yaml";

        var error = Assert.Throws<GitOpsException>(() => Writer(repo).Write([Add("traefik/prod/a.yaml"), Add(deep)]));

        Assert.Contains("its full path is", error.Message, StringComparison.Ordinal);
        Assert.Contains("file systems allow 4095. Nothing was written.", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(repo.Work, "traefik/prod/a.yaml")));
    }

    [Fact]
    public void Write_TargetIsALinkToAFileOutside_ReplacesNothingAndWritesNothingThrough()
    {
        using var repo = Repositories.WithRoute();
        var outside = Path.Combine(repo.Folder, "secret.yaml");
        File.WriteAllText(outside, "kept\n");
        File.Delete(Path.Combine(repo.Work, "traefik/prod/api-wrr.yaml"));
        File.CreateSymbolicLink(Path.Combine(repo.Work, "traefik/prod/api-wrr.yaml"), outside);

        var error = Assert.Throws<GitOpsException>(() => Writer(repo).Write([new FileWrite("traefik/prod/api-wrr.yaml", FileChangeKind.Modified, "x: 1\n"u8.ToArray())]));

        Assert.Equal("Refusing to write traefik/prod/api-wrr.yaml to the working tree: it is a symbolic link, and links are never written through. Nothing was written.", error.Message);
        Assert.Equal("kept\n", File.ReadAllText(outside));
    }

    [Fact]
    public void Write_FileWhereAFolderShouldBe_WritesNothing()
    {
        using var repo = Repositories.WithRoute();

        var error = Assert.Throws<GitOpsException>(() => Writer(repo).Write([Add("traefik/prod/a.yaml"), Add("traefik/prod/api-wrr.yaml/b.yaml")]));

        Assert.Equal("Refusing to write traefik/prod/api-wrr.yaml/b.yaml to the working tree: traefik/prod/api-wrr.yaml is a file where a folder should be. Nothing was written.", error.Message);
        Assert.False(File.Exists(Path.Combine(repo.Work, "traefik/prod/a.yaml")));
    }

    [Fact]
    public void Write_NewFileAlreadyThere_IsNotOverwritten()
    {
        using var repo = Repositories.WithRoute();
        repo.Write("traefik/prod/new.yaml", "someone else's\n");

        var error = Assert.Throws<GitOpsException>(() => Writer(repo).Write([Add("traefik/prod/new.yaml")]));

        Assert.StartsWith("Refusing to write traefik/prod/new.yaml to the working tree: a file is already there that the plan did not read", error.Message, StringComparison.Ordinal);
        Assert.Equal("someone else's\n", repo.Read("traefik/prod/new.yaml"));
    }

    [Theory]
    [InlineData("../outside.yaml")]
    [InlineData("traefik/./x.yaml")]
    [InlineData("/etc/x.yaml")]
    [InlineData("traefik//x.yaml")]
    public void Write_PathThatIsNotPlainAndRelative_IsRefused(string path)
    {
        using var repo = Repositories.WithRoute();

        var error = Assert.Throws<GitOpsException>(() => Writer(repo).Write([Add(path)]));

        Assert.Equal($"Refusing to write {path} to the working tree: it is not a plain relative path. Nothing was written.", error.Message);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Write_ReplacedFile_KeepsItsPermissions()
    {
        using var repo = Repositories.WithRoute();
        var target = Path.Combine(repo.Work, "traefik/prod/api-wrr.yaml");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Writer(repo).Write([new FileWrite("traefik/prod/api-wrr.yaml", FileChangeKind.Modified, "x: 1\n"u8.ToArray())]);

        Assert.Equal("x: 1\n", repo.Read("traefik/prod/api-wrr.yaml"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
    }

    private static WorktreeWriter Writer(TempRepository repo) => new(repo.Work, Path.Combine(repo.Work, ".git"));

    private static FileWrite Add(string path) => new(path, FileChangeKind.Added, Encoding.UTF8.GetBytes("a: 1\n"));
}

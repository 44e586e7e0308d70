using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UnrestTracker.Api.Features.Imports;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Imports;

public sealed class InterruptingAnImport(ApiFactory api) : ImportTest(api)
{
    /// <summary>A file that breaks off part-way, as an upload cut by the network or a killed process would.</summary>
    private sealed class BrokenOff(Stream inner, long after) : Stream
    {
        private long _read;

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (_read >= after)
            {
                throw new IOException("The connection was cut.");
            }
            var n = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, after - _read)], ct);
            _read += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task An_import_cut_off_half_way_leaves_whole_rows_and_completes_when_run_again()
    {
        var file = SampleData.Path("ucdp_ged191_myanmar_bangladesh.csv");
        var importer = Api.Services.GetRequiredService<Importer>();
        await using (var broken = new BrokenOff(File.OpenRead(file), new FileInfo(file).Length * 3 / 4))
        {
            await Assert.ThrowsAsync<IOException>(() => importer.ImportAsync(new UcdpLayout(), broken, "cut.csv", new ImportOptions(), "test", null, CancellationToken.None));
        }
        var (events, statements) = await CountsAsync();

        var again = await ImportOkAsync("ucdp", file);

        Assert.True(events > 0 && events % Importer.BatchSize == 0, $"{events} events after the cut");
        Assert.Equal(events, statements);
        Assert.Equal((3194 - events, events), (Count(again, "eventsCreated"), Count(again, "eventsUnchanged")));
        Assert.Equal((3194L, 3194L), await CountsAsync());
    }

    private Task<(long Events, long Statements)> CountsAsync() => Api.WithDbAsync(async db =>
        ((long)await db.EventVersions.CountAsync(), (long)await db.StatementVersions.CountAsync()));
}

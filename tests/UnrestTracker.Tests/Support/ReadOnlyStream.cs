namespace UnrestTracker.Tests.Support;

/// <summary>A forward-only stream a test writes the reading of: a body that breaks off, or one that goes on and on.</summary>
public abstract class ReadOnlyStream : Stream
{
    /// <summary>Bytes handed out so far.</summary>
    public long Served { get; protected set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Served; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

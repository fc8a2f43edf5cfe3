// Package: nanoFramework.System.Threading 1.1.52 (assembly System.Threading)
// Reference API only: signatures as in nanoframework/System.Threading at tag v1.1.52 (nanoFramework.System.Threading/
// Threading/CancellationToken.cs, CancellationTokenSource.cs), bodies throw null. Only the members this
// repository uses. README.md beside.

namespace System.Threading
{
    public struct CancellationToken
    {
        private CancellationTokenSource _source;
        public bool IsCancellationRequested { get { throw null; } }
    }

    public class CancellationTokenSource : IDisposable
    {
        public CancellationTokenSource(int millisecondsDelay) { }
        public CancellationToken Token { get { throw null; } }
        public void Dispose() { throw null; }
        protected virtual void Dispose(bool disposing) { throw null; }
    }
}

// Package: nanoFramework.System.Device.Gpio 1.1.62 (assembly System.Device.Gpio)
// Reference API only: signatures as in nanoframework/System.Device.Gpio at tag v1.1.62 (System.Device.Gpio/
// GpioController.cs, GpioPin.cs, PinMode.cs, PinValue.cs), bodies throw null. Only the members this repository
// uses; enums whole. README.md beside.

namespace System.Device.Gpio
{
    public sealed class GpioController : IDisposable
    {
        public GpioController() { }
        public GpioPin OpenPin(int pinNumber, PinMode mode) { throw null; }
        public void Dispose() { throw null; }
    }

    public sealed class GpioPin : IDisposable
    {
        public void Write(PinValue value) { throw null; }
        public void Dispose() { throw null; }
    }

    public enum PinMode
    {
        Input,
        InputPullDown,
        InputPullUp,
        Output,
        OutputOpenDrain,
        OutputOpenDrainPullUp,
        OutputOpenSource,
        OutputOpenSourcePullDown
    }

    public readonly struct PinValue
    {
        private readonly byte _value;
        public static PinValue High { get { throw null; } }
        public static PinValue Low { get { throw null; } }
        public static implicit operator PinValue(int value) { throw null; }
        public static implicit operator PinValue(bool value) { throw null; }
        public static explicit operator byte(PinValue value) { throw null; }
        public static explicit operator int(PinValue value) { throw null; }
        public static explicit operator bool(PinValue value) { throw null; }
        public bool Equals(PinValue other) { throw null; }
        public override bool Equals(object obj) { throw null; }
        public static bool operator ==(PinValue a, PinValue b) { throw null; }
        public static bool operator !=(PinValue a, PinValue b) { throw null; }
        public override int GetHashCode() { throw null; }
        public override string ToString() { throw null; }
    }
}
